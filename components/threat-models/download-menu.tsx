"use client";
import { lazy } from "react";
import { buttonClass } from "@/components/ui/button";
import { DeferredMenu } from "@/components/ui/deferred-menu";
import type { ExportFormat } from "@/lib/domain/exchange/filename";

// Most visits to a model never download it: the menu's code loads on first use, not with the page.
const loadMenu = () => import("./download-formats-menu");
const DownloadFormatsMenu = lazy(() => loadMenu().then((module) => ({ default: module.DownloadFormatsMenu })));

/** "Download" with one item per format; each is a plain download served by the model's export route. */
export function DownloadMenu({ href, formats = ["md", "json", "threat-dragon"] }: { href: string; formats?: ExportFormat[] }) {
  const trigger = (
    <button type="button" className={buttonClass("secondary", "sm", "group")}>
      Download
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 transition-transform group-data-[state=open]:rotate-180" fill="currentColor">
        <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
      </svg>
    </button>
  );
  return (
    <div className="no-print" data-testid="download-menu">
      <DeferredMenu
        trigger={trigger}
        preload={loadMenu}
        menu={(openedBy) => <DownloadFormatsMenu trigger={trigger} openedBy={openedBy} href={href} formats={formats} />}
      />
    </div>
  );
}
