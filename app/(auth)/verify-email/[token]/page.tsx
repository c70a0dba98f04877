import type { Metadata } from "next";
import { VerifyEmailButton } from "@/components/auth/verify-email-button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Confirm your email address" };

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <Card className="p-6">
      <h1 className="text-xl font-semibold text-slate-900">Confirm your email address</h1>
      <p className="mt-1 mb-5 text-sm text-slate-600">One click, and the address is confirmed. The link then stops working.</p>
      <VerifyEmailButton token={token} />
    </Card>
  );
}
