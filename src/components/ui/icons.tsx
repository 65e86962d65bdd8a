/** Small inline icons (no emoji: not every system has an emoji font). Decorative: aria-hidden. */
export interface IconProps {
  className?: string;
}

export function KeyIcon({ className = 'h-4 w-4' }: IconProps) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      className={className}
      aria-hidden="true"
    >
      <circle cx="6.5" cy="13.5" r="3.5" />
      <path d="M9 11l7-7m-3 3l2 2m-4 0l1.5 1.5" strokeLinecap="round" />
    </svg>
  );
}

export function BellIcon({ className = 'h-4 w-4' }: IconProps) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      className={className}
      aria-hidden="true"
    >
      <path
        d="M5 14V9a5 5 0 0110 0v5l1.5 1.5h-13L5 14zM8.5 17.5a1.8 1.8 0 003 0"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function MoonIcon({ className = 'h-4 w-4' }: IconProps) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      className={className}
      aria-hidden="true"
    >
      <path d="M15.5 12.5A6.5 6.5 0 017.5 4.5a6.5 6.5 0 108 8z" strokeLinejoin="round" />
    </svg>
  );
}
