"use client";
import { buttonClass } from "@/components/ui/button";
import { Menu, MenuLink } from "@/components/ui/menu";
import { EXPORT_FORMAT_LABELS, EXTENSIONS, type ExportFormat } from "@/lib/domain/exchange/filename";

/** "Download" with one item per format; each is a plain download served by the model's export route. */
export function DownloadMenu({ href, formats = ["md", "json", "threat-dragon"] }: { href: string; formats?: ExportFormat[] }) {
  const join = href.includes("?") ? "&" : "?";
  return (
    <div className="no-print" data-testid="download-menu">
      <Menu
        className="w-60"
        trigger={
          <button type="button" className={buttonClass("secondary", "sm", "group")}>
            Download
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 transition-transform group-data-[state=open]:rotate-180" fill="currentColor">
              <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
            </svg>
          </button>
        }
      >
        {formats.map((format) => (
          <MenuLink key={format} href={`${href}${join}format=${format}`} download className="flex-col items-start">
            {EXPORT_FORMAT_LABELS[format]}
            <span className="block text-xs text-slate-600">{EXTENSIONS[format]}</span>
          </MenuLink>
        ))}
      </Menu>
    </div>
  );
}
