import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ThreatDesk", template: "%s · ThreatDesk" },
  description: "STRIDE threat models, dual sign-off and residual-risk tracking for security teams.",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, the 404 for unknown addresses included: Next puts the
  // nonce of the request's Content-Security-Policy (proxy.ts) on its scripts only then, and a
  // page prerendered at build time would have scripts the policy blocks.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
