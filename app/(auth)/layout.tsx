import type { ReactNode } from "react";
import { StandalonePage } from "@/components/shell/standalone-page";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <StandalonePage
      className="bg-gradient-to-b from-slate-50 to-slate-100"
      footer="STRIDE threat models, dual sign-off by security and tech leads, and one view of your residual risk."
    >
      {children}
    </StandalonePage>
  );
}
