// Files that went through an editor or a mail gateway that read UTF-8 as Windows-1252 arrive
// with "âœ…" where "✅" was written, sometimes twice over. Each damaged character stands for one
// byte of the original UTF-8, so mapping it back to its Windows-1252 byte and decoding the bytes
// as UTF-8 restores the text. Only runs of characters that decode to valid UTF-8 are replaced:
// a lone "é" or an arrow is text someone meant to write, not a damaged byte.

// Windows-1252's 0x80–0x9F block; the five undefined bytes travel as the C1 controls of the
// same number, which is how most decoders pass them through.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

const BYTE_OF = new Map<number, number>();
CP1252_HIGH.forEach((codePoint, i) => BYTE_OF.set(codePoint, 0x80 + i));
for (let b = 0xa0; b <= 0xff; b++) BYTE_OF.set(b, b);

const MAX_ROUNDS = 4;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function byteOf(char: string): number | undefined {
  return BYTE_OF.get(char.codePointAt(0) ?? -1);
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Decodes each complete UTF-8 sequence found in a run of would-be bytes and keeps every other
 * character as written, so a repaired emoji next to a genuine "é" both come out right.
 */
function repairRun(run: string): { text: string; changed: boolean } {
  const bytes = Array.from(run, (char) => byteOf(char) ?? 0);
  let out = "";
  let changed = false;
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]!);
    if (length > 0 && i + length <= bytes.length) {
      try {
        out += utf8.decode(new Uint8Array(bytes.slice(i, i + length)));
        changed = true;
        i += length;
        continue;
      } catch {
        // not a sequence: the character is genuine
      }
    }
    out += run[i];
    i += 1;
  }
  return { text: out, changed };
}

function repairOnce(text: string): { text: string; changed: boolean } {
  let out = "";
  let changed = false;
  let run = "";
  const flush = () => {
    if (!run) return;
    const repaired = repairRun(run);
    out += repaired.text;
    changed ||= repaired.changed;
    run = "";
  };
  // Non-BMP characters are never a damaged byte, so iterating by UTF-16 unit is enough: a
  // surrogate half has no Windows-1252 byte and simply ends the run.
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (byteOf(char) !== undefined) run += char;
    else {
      flush();
      out += char;
    }
  }
  flush();
  return { text: out, changed };
}

export function repairMojibake(text: string): { text: string; repaired: boolean } {
  let current = text;
  let repaired = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = repairOnce(current);
    if (!next.changed) break;
    current = next.text;
    repaired = true;
  }
  return { text: current, repaired };
}
