import { memo, useState } from 'react';

export interface CopyButtonProps {
  value: string;
  label: string;
}

/** Copies `value`, and says so. */
export const CopyButton = memo(function CopyButton({ value, label }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  }
  return (
    <button
      type="button"
      onClick={() => void handleCopy()}
      className="shrink-0 rounded px-1.5 py-0.5 text-xs whitespace-nowrap text-teal-800 hover:bg-teal-50"
      aria-label={copied ? `${label} copied` : label}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
});
