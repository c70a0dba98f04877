"use client";
import { useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";

/**
 * Moves a list to another URL (a filter, a sort, a page), so every view can be reloaded, shared
 * and navigated back to. The server renders the new page; `pending` covers the wait.
 */
export function useUrlNavigation() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = useCallback(
    (href: string, options: { scroll?: boolean } = {}) => startTransition(() => router.push(href, { scroll: options.scroll ?? false })),
    [router],
  );
  return { go, pending };
}
