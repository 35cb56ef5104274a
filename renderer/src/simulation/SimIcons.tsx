// The replay's control icons (24×24 stroke style, like chrome/icons.tsx), inline so they follow currentColor.
import type { ReactNode } from 'react';

const PATHS: Record<string, ReactNode> = {
  play: <path d="M7 4.5v15l12-7.5z" />,
  pause: <path d="M8 5v14M16 5v14" />,
  step: <path d="M6 5l9 7-9 7zM18 5v14" />,
  end: <path d="M5 5l7 7-7 7zM12 5l7 7-7 7z" />,
  restart: <path d="M3 12a9 9 0 1 0 3-6.7M3 4v5h5" />,
  stop: <rect x="6" y="6" width="12" height="12" rx="1.5" />,
  run: <path d="M5 12h13M13 6l6 6-6 6" />,
  dot: <circle cx="12" cy="12" r="5" />,
};

export function SimIcon({ name, size = 14 }: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {PATHS[name]}
    </svg>
  );
}
