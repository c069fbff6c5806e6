// QR codes as SVG path data (one square per dark module), so they render without innerHTML.
import { encode } from 'uqr';

export interface QrPath {
  size: number;
  d: string;
}

export function qrPath(text: string): QrPath {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  for (const [y, row] of data.entries())
    for (const [x, dark] of row.entries()) if (dark) d += `M${x} ${y}h1v1h-1z`;
  return { size, d };
}
