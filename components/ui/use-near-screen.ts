"use client";
import { useEffect, useRef, useState } from "react";

/**
 * How far beyond the visible area a deferred part counts as near: two screens, so what is
 * scrolled to is drawn before it shows, and what is drawn above shifts nothing (the browser's
 * scroll anchoring keeps what is read in place).
 */
const NEAR = "200% 0px";

/**
 * Whether a part of a long page has come near the screen. Once it has, it stays shown: a part
 * being edited must never disappear. `show()` shows it at once (a click, a link to it).
 * `initially` true skips the wait (the part is shown from the first render, on the server too).
 */
export function useNearScreen<T extends Element>(initially: boolean) {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(initially);
  useEffect(() => {
    if (near || !ref.current) return;
    const target = ref.current;
    if (typeof IntersectionObserver === "undefined" || (location.hash && target.id && location.hash === `#${target.id}`)) {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: NEAR });
    observer.observe(target);
    return () => observer.disconnect();
  }, [near]);
  return { ref, near, show: () => setNear(true) };
}
