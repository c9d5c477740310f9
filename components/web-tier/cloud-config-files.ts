/** The files a cloud-config user data writes, decoded as cloud-init decodes them (plain or gz+b64). */
import { gunzipSync } from "node:zlib";
import { parse } from "yaml";

interface WrittenFile {
  path: string;
  content: string;
  encoding?: string;
  permissions?: string;
  defer?: boolean;
}

/** The write_files entries of a `#cloud-config` document, with their contents decoded. */
export function writtenFiles(userData: string): Record<string, string> {
  const config = parse(userData.replace(/^#cloud-config\n/, "")) as { write_files?: WrittenFile[] } | null;
  if (!config?.write_files) throw new Error("not a cloud-config with write_files");
  return Object.fromEntries(config.write_files.map((f) => {
    if (f.encoding === undefined) return [f.path, f.content];
    if (f.encoding !== "gz+b64") throw new Error(`${f.path}: unexpected encoding ${f.encoding}`);
    return [f.path, gunzipSync(Buffer.from(f.content, "base64")).toString("utf8")];
  }));
}
