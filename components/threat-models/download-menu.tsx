import { buttonClass } from "@/components/ui/button";
import { EXPORT_FORMAT_LABELS, type ExportFormat } from "@/lib/domain/exchange/filename";

/**
 * "Download" with one link per format. A <details> element opens without JavaScript, and the
 * links are plain downloads served by the model's export route.
 */
export function DownloadMenu({ href, formats = ["md", "json", "threat-dragon"] }: { href: string; formats?: ExportFormat[] }) {
  const join = href.includes("?") ? "&" : "?";
  return (
    <details className="no-print group relative" data-testid="download-menu">
      <summary className={buttonClass("secondary", "sm", "cursor-pointer list-none [&::-webkit-details-marker]:hidden")}>
        Download
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 transition-transform group-open:rotate-180" fill="currentColor">
          <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
        </svg>
      </summary>
      <ul className="absolute right-0 z-40 mt-1 w-60 rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
        {formats.map((format) => (
          <li key={format}>
            <a href={`${href}${join}format=${format}`} download className="block px-3 py-2 text-slate-800 hover:bg-slate-50">
              {EXPORT_FORMAT_LABELS[format]}
              <span className="block text-xs text-slate-500">{format === "md" ? ".md" : format === "json" ? ".threatdesk.json" : ".threat-dragon.json"}</span>
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
