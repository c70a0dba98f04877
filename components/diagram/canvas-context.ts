import { createContext } from "react";

/** What a boundary box's resize handles report when a resize ends: its new place and size. */
export const ResizeEnd = createContext<(id: string, rect: { x: number; y: number; width: number; height: number }) => void>(() => undefined);
