import { MoonIcon } from '@/components/ui/icons';
import { setTheme, useTheme } from '@/lib/theme';

/** Dark theme on or off; the first press overrides the system's preference, remembered. */
export function ThemeToggle() {
  const theme = useTheme();
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      aria-pressed={dark}
      onClick={() => setTheme(dark ? 'light' : 'dark')}
      className="inline-flex min-h-8 min-w-8 items-center justify-center gap-1.5 rounded-md px-2 text-sm text-slate-700 hover:bg-slate-100"
    >
      <MoonIcon />
      <span className="max-sm:sr-only">Dark theme</span>
    </button>
  );
}
