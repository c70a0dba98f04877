import NextAuth from "next-auth";
import { sameOriginOnly } from "@/lib/api/json-body";
import { authOptions } from "@/lib/auth/next-auth";
import { withSignInDefences } from "@/lib/auth/sign-in-defences";

type Context = { params: Promise<{ nextauth: string[] }> };
const handler = NextAuth(authOptions) as (request: Request, context: Context) => Promise<Response>;

export const GET = handler;
// next-auth's own forms (sign-in, sign-out) carry its CSRF token; another site's post is refused before it is read.
export const POST = withSignInDefences(sameOriginOnly(handler));
