/**
 * The demo's "photos": small generated SVGs of road signs, served by the Local MTurk under /demo/signs/, so the image
 * labelling batch works offline. Each picture has a background (road, sky, trees) so they do not all look alike.
 */

export const SIGN_LABELS = ['Stop', 'Yield', 'Speed limit', 'No entry', 'Pedestrian crossing'] as const;
export type SignLabel = (typeof SIGN_LABELS)[number];

export interface SignPicture {
  /** The file name under /demo/signs/. */
  readonly file: string;
  /** What the picture shows: the answer a careful worker gives. */
  readonly label: SignLabel;
  readonly svg: string;
}

const BACKGROUNDS = [
  { sky: '#9cc9ea', ground: '#6b8f4e' },
  { sky: '#f3c98b', ground: '#7a6a55' },
  { sky: '#c6d3dc', ground: '#58606a' },
  { sky: '#2f3f5c', ground: '#2b2f36' },
] as const;

function signShape(label: SignLabel, variant: number): string {
  switch (label) {
    case 'Stop':
      return (
        '<polygon points="83,40 117,40 140,63 140,97 117,120 83,120 60,97 60,63" fill="#c8102e" stroke="#fff" stroke-width="4"/>' +
        '<text x="100" y="89" font-family="Arial,sans-serif" font-size="24" font-weight="bold" fill="#fff" text-anchor="middle">STOP</text>'
      );
    case 'Yield':
      return '<polygon points="55,45 145,45 100,125" fill="#fff" stroke="#c8102e" stroke-width="12" stroke-linejoin="round"/>';
    case 'Speed limit': {
      const limit = [30, 50, 70, 20][variant % 4];
      return (
        '<circle cx="100" cy="80" r="42" fill="#fff" stroke="#c8102e" stroke-width="9"/>' +
        `<text x="100" y="93" font-family="Arial,sans-serif" font-size="34" font-weight="bold" fill="#111" text-anchor="middle">${limit}</text>`
      );
    }
    case 'No entry':
      return '<circle cx="100" cy="80" r="42" fill="#c8102e" stroke="#fff" stroke-width="3"/><rect x="72" y="72" width="56" height="16" fill="#fff"/>';
    case 'Pedestrian crossing':
      return (
        '<rect x="60" y="40" width="80" height="80" rx="6" fill="#1560bd" stroke="#fff" stroke-width="3"/>' +
        '<polygon points="100,50 133,110 67,110" fill="#fff"/>' +
        '<circle cx="100" cy="72" r="5" fill="#111"/><path d="M100 78 L96 94 L90 104 M97 88 L108 96 M96 94 L104 104" stroke="#111" stroke-width="3" fill="none"/>'
      );
  }
}

function picture(label: SignLabel, variant: number): string {
  const background = BACKGROUNDS[variant % BACKGROUNDS.length]!;
  const poleX = 96 + (variant % 3) * 2;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">' +
    `<rect width="200" height="200" fill="${background.sky}"/>` +
    `<rect y="150" width="200" height="50" fill="${background.ground}"/>` +
    `<rect x="${poleX}" y="110" width="8" height="80" fill="#8a8f94"/>` +
    signShape(label, variant) +
    '</svg>'
  );
}

/** Twelve pictures: every sign at least twice, in different light. */
export const SIGN_PICTURES: readonly SignPicture[] = Array.from({ length: 12 }, (_, index) => {
  const label = SIGN_LABELS[index % SIGN_LABELS.length]!;
  const variant = Math.floor(index / SIGN_LABELS.length) + index;
  const file = `sign-${String(index + 1).padStart(2, '0')}.svg`;
  return { file, label, svg: picture(label, variant) };
});
