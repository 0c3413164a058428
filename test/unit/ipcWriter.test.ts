/**
 * The language server's IPC writer: a write settles when the message has left the process (the
 * send callback), which is what lets the server hold only a few diagnostics lists at a time; a
 * failed send is reported and settles too, so that no sender is left with a rejection.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { IpcWriter } from '../../server/src/node/ipcWriter';

/** A process whose IPC channel writes only when told to. */
function fakeProcess() {
  const pending: { msg: unknown; done: (e: Error | null) => void }[] = [];
  const proc = Object.assign(new EventEmitter(), {
    send(msg: unknown, _h: unknown, _o: unknown, done: (e: Error | null) => void) { pending.push({ msg, done }); return true; },
  });
  return { proc: proc as unknown as NodeJS.Process, pending };
}

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

test('a write settles when the channel has written the message, not before', async () => {
  const { proc, pending } = fakeProcess();
  const writer = new IpcWriter(proc);
  const first = writer.write({ jsonrpc: '2.0', method: 'a' } as never);
  const second = writer.write({ jsonrpc: '2.0', method: 'b' } as never);
  assert.equal(pending.length, 2);
  assert.equal(await settled(first), false);
  pending[0].done(null);
  assert.equal(await settled(first), true);
  assert.equal(await settled(second), false);
  pending[1].done(null);
  assert.equal(await settled(second), true);
});

test('a failed write is reported through onError and settles', async () => {
  const { proc, pending } = fakeProcess();
  const writer = new IpcWriter(proc);
  const errors: string[] = [];
  writer.onError(([e]) => errors.push(e.message));
  const w = writer.write({ jsonrpc: '2.0', method: 'a' } as never);
  pending[0].done(new Error('channel closed'));
  assert.equal(await settled(w), true);
  assert.deepEqual(errors, ['channel closed']);
  const noChannel = new IpcWriter(Object.assign(new EventEmitter(), { send: undefined }) as unknown as NodeJS.Process);
  noChannel.onError(([e]) => errors.push(e.message));
  assert.equal(await settled(noChannel.write({ jsonrpc: '2.0', method: 'b' } as never)), true);
  assert.match(errors[1], /no IPC channel/);
});
