// The package ships JavaScript only; this is the one function the number-word test uses.
declare module 'number-to-arabic-words/dist/index-node.js' {
  /** The number in Arabic words ("ثلاثمائة و خمس و عشرون ألف و …"). */
  export function toArabicWord(n: number): string;
}
