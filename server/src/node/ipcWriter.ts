import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * Writes messages to the parent process over its IPC channel, as vscode-jsonrpc's
 * `IPCMessageWriter` does, except that a write settles when the message has left the process
 * rather than at once. A sender that awaits its writes (the diagnostics of thousands of articles
 * at the end of a scan) then holds a few messages at a time, not every one the client has yet to
 * read. A write that fails is reported through `onError` and settles too: nobody awaits a rejection.
 */
export class IpcWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly target: NodeJS.Process) {
    super();
    target.on('error', (error: Error) => this.fireError(error));
    target.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    return new Promise<void>((resolve) => {
      const failed = (error: unknown) => {
        this.fireError(error instanceof Error ? error : new Error(String(error)), msg, ++this.errorCount);
        resolve();
      };
      try {
        if (typeof this.target.send !== 'function') return failed(new Error('the process has no IPC channel'));
        this.target.send(msg, undefined, undefined, (error: Error | null) => {
          if (error) return failed(error);
          this.errorCount = 0;
          resolve();
        });
      } catch (e) {
        failed(e);
      }
    });
  }

  end(): void {}
}
