/** Where a command's output goes: standard output and error in the CLI, strings in the tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}
