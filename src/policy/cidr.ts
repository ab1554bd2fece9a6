// IPv4 and IPv6 addresses and CIDR blocks, as numbers, for ipBlock rules.

export interface Address {
  family: 4 | 6;
  value: bigint;
}

export function parseIp(text: string): Address | undefined {
  const s = text.trim().replace(/^\[|\]$/g, '');
  if (s.includes(':')) {
    const value = parseV6(s);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseV4(s);
  return value === undefined ? undefined : { family: 4, value };
}

export function isIp(text: string): boolean {
  return parseIp(text) !== undefined;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseV6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): string[] | undefined => {
    if (half === '') return [];
    const parts = half.split(':');
    const last = parts[parts.length - 1] as string;
    // an embedded IPv4 tail (::ffff:10.0.0.1) stands for two groups
    if (last.includes('.')) {
      const v4 = parseV4(last);
      if (v4 === undefined) return undefined;
      parts.splice(parts.length - 1, 1, (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
    }
    return parts;
  };
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

export interface Block {
  family: 4 | 6;
  base: bigint;
  bits: number;
}

export function parseCidr(text: string): Block | undefined {
  const [addr, len, extra] = text.trim().split('/');
  if (addr === undefined || len === undefined || extra !== undefined || !/^\d{1,3}$/.test(len))
    return undefined;
  const ip = parseIp(addr);
  const bits = Number(len);
  if (!ip || bits > (ip.family === 4 ? 32 : 128)) return undefined;
  return { family: ip.family, base: ip.value, bits };
}

/** Host bits in the block's address are ignored, as the API server does. */
export function blockContains(block: Block, ip: Address): boolean {
  if (block.family !== ip.family) return false;
  const width = BigInt(block.family === 4 ? 32 : 128);
  const shift = width - BigInt(block.bits);
  return block.base >> shift === ip.value >> shift;
}
