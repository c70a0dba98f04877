export function Logo({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" aria-hidden="true">
      <path d="M16 2 4 6.5v8.7c0 7.4 5.1 13.4 12 14.8 6.9-1.4 12-7.4 12-14.8V6.5L16 2Z" fill="#4f46e5" />
      <path d="M10.5 16.2 14.4 20l7.1-8" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function Wordmark() {
  return (
    <span className="flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900">
      <Logo />
      ThreatDesk
    </span>
  );
}
