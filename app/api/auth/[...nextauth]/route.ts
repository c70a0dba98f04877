import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth";
import { withSignInDefences } from "@/lib/auth/sign-in-defences";

type Context = { params: Promise<{ nextauth: string[] }> };
const handler = NextAuth(authOptions) as (request: Request, context: Context) => Promise<Response>;

export const GET = handler;
export const POST = withSignInDefences(handler);
