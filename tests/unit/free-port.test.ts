/**
 * freePort closes the port it found again, so the kernel may offer it to the next caller: tests
 * that run at the same time (each fake instance takes up to three ports) must still get distinct ports.
 */
import { describe, expect, it } from "vitest";
import { freePort } from "../helpers/free-port";

describe("freePort", () => {
  it("never hands out the same port twice in one process, though the kernel offers a closed port again", async () => {
    // The kernel picks listen-on-0 ports at random from ~14,000: 1000 picks one after another
    // repeat one almost surely (birthday bound), as tests calling freePort in turn would.
    const ports: number[] = [];
    for (let i = 0; i < 1000; i++) ports.push(await freePort());
    expect(ports.length - new Set(ports).size).toBe(0);
    expect(ports.every((port) => port > 0 && port < 65536)).toBe(true);
  });
});
