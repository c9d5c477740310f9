/**
 * Reading an input file (a tenant file, a policy configuration) so that no path can hang the
 * process or exhaust its memory: the file is opened without blocking, must be a regular file, and
 * at most `maxBytes + 1` bytes are read from it.
 *
 * open(2): "O_NONBLOCK … When possible, the file is opened in nonblocking mode"; opening a FIFO
 * for reading with O_NONBLOCK "succeeds immediately" even with no writer (fifo(7)), where a plain
 * open would wait for one. fstat(2) on the open descriptor then says what was opened, so a
 * symbolic link to `/dev/zero` or a FIFO is refused before a byte is read (reading `/dev/zero`
 * never ends; a FIFO blocks).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

export type InputRead = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/** Why an error from open(2) or read(2) means the file cannot be read, in words. */
function reasonOf(error: unknown, what: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return `is a folder, not ${what}`;
  if (code === "EACCES") return "cannot be read (permission denied)";
  return `cannot be read (${code ?? String(error)})`;
}

/**
 * The bytes of `file` when it is a regular file of at most `maxBytes` bytes; otherwise why not,
 * in words naming `what` the file should be ("a tenant file").
 */
export function readInputFile(file: string, maxBytes: number, what: string): InputRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: reasonOf(error, what) };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, reason: `is a folder, not ${what}` };
    if (!stats.isFile()) {
      return { ok: false, reason: `is not a regular file (a device, pipe or socket, or a link to one); ${what} is a regular file` };
    }
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) return { ok: false, reason: `is more than ${maxBytes} bytes; ${what} is at most ${maxBytes} bytes` };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, reason: reasonOf(error, what) };
  } finally {
    closeSync(fd);
  }
}
