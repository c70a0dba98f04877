"use client";
import { useEffect, useRef } from "react";

/**
 * While `unsaved` holds, closing the tab or reloading asks first (the browser's own question);
 * with `links`, following a link inside the page asks too. Nothing a user typed is lost unasked.
 */
export function useLeaveWarning(unsaved: boolean, { links = false }: { links?: boolean } = {}) {
  const unsavedRef = useRef(unsaved);
  useEffect(() => {
    unsavedRef.current = unsaved;
  }, [unsaved]);
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!unsavedRef.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!unsavedRef.current || !link || link.getAttribute("target") === "_blank") return;
      if (!window.confirm("Some changes are not saved yet. Leave this page anyway?")) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    if (links) document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      if (links) document.removeEventListener("click", onClick, true);
    };
  }, [links]);
}
