/**
 * Checks of the paths a command will write, made before any work so that a wrong path costs
 * nothing and never hangs the process: a file output must be a regular file (or a new name) in an
 * existing, writable folder on an ordinary filesystem; a folder output an existing folder or a new
 * name in one.
 */
import { accessSync, constants, lstatSync, realpathSync, statfsSync, statSync, type Stats } from "node:fs";
import * as path from "node:path";

/**
 * Kernel filesystems whose files are interfaces, not storage: writing there can block or change
 * the system (statfs(2) f_type values from linux/magic.h).
 */
const KERNEL_FILESYSTEMS: Readonly<Record<number, string>> = {
  0x9fa0: "proc",
  0x62656572: "sysfs",
  0x1cd1: "devpts",
  0x64626720: "debugfs",
  0x74726163: "tracefs",
  0x73636673: "securityfs",
  0x27e0eb: "cgroup",
  0x63677270: "cgroup2",
  0xcafe4a11: "bpf",
  0x1021994: "devtmpfs",
};

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why files cannot be written in the existing folder `folder`, or undefined. */
function folderProblem(folder: string): string | undefined {
  const real = realpathSync(folder);
  const kernel = KERNEL_FILESYSTEMS[statfsSync(real).type];
  if (kernel) return `is on the ${kernel} kernel filesystem (${real}), where files are system interfaces; name a file in an ordinary folder`;
  if (!writable(real)) return `cannot be written: the folder ${folder} does not allow it (permission denied)`;
  return undefined;
}

/**
 * Where writing `file` lands: the real path of what exists there (through symbolic links, also in
 * its folders), or of its folder joined with its name. A link whose target is missing lands at
 * the target, which is returned unresolved as `undefined`.
 */
export function realPathOf(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    if (isLink(file)) return undefined;
    try {
      return path.join(realpathSync(path.dirname(path.resolve(file))), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** True when `inner` is `folder` or lies inside it (both real, absolute paths). */
export function isWithin(inner: string, folder: string): boolean {
  const relative = path.relative(folder, inner);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Why the command cannot write the file `file`, or undefined when it can. A symbolic link is
 * written through, so the place it leads to is checked too.
 */
export function outputFileProblem(file: string): string | undefined {
  const problem = placeProblem(file);
  if (problem) return problem;
  const real = realPathOf(file);
  if (real === undefined) return "is a symbolic link to a file that does not exist; name the file itself";
  const there = real === path.resolve(file) ? undefined : placeProblem(real);
  return there === undefined ? undefined : `leads to ${real}, which ${there}`;
}

/** Why `file` cannot be written, judged by its own path. */
function placeProblem(file: string): string | undefined {
  if (file === "" || file.endsWith("/")) return "names a folder, not a file";
  const parent = path.dirname(path.resolve(file));
  const existing = statOf(file);
  if (existing?.isDirectory()) return "is a folder; name a file to write";
  if (existing && !existing.isFile()) return "is not a regular file (a device, pipe or socket); name a file to write";
  const folder = statOf(parent);
  if (!folder) return `is in a folder that does not exist (${path.dirname(file)}); create it first`;
  if (!folder.isDirectory()) return `is inside ${path.dirname(file)}, which is not a folder`;
  const problem = folderProblem(parent);
  if (problem) return problem;
  if (existing && !writable(file)) return "cannot be written (permission denied)";
  return undefined;
}

/** Why the command cannot write files into the folder `dir` (created when missing), or undefined. */
export function outputFolderProblem(dir: string): string | undefined {
  const existing = statOf(dir);
  if (existing && !existing.isDirectory()) return "is not a folder";
  if (existing) return folderProblem(dir);
  const parent = path.dirname(path.resolve(dir));
  const folder = statOf(parent);
  if (!folder) return `is in a folder that does not exist (${path.dirname(dir)}); create it first`;
  if (!folder.isDirectory()) return `is inside ${path.dirname(dir)}, which is not a folder`;
  return folderProblem(parent);
}

/** Why `dir` cannot be read as the tenant folder, or undefined. */
export function inputFolderProblem(dir: string): string | undefined {
  const existing = statOf(dir);
  if (!existing) return "does not exist";
  if (!existing.isDirectory()) return "is not a folder";
  return undefined;
}
