import { z } from "zod";
import { ZText } from "./fields";

const ZCallbackUrl = ZText().max(2000).optional();

export const ZTotpCode = ZText()
  .trim()
  .regex(/^\d{3}\s?\d{3}$/, "Enter the 6-digit code from your authenticator app.");

export const ZRecoveryCode = ZText().trim().min(1, "Enter one of your recovery codes.").max(40, "A recovery code is 10 letters and digits, like 7KQ2M-X9D4P.");

export const ZFactorName = ZText().trim().min(1, "Give it a name, such as the device it is on.").max(60, "Use at most 60 characters.");

// What the browser's WebAuthn API returns, as @simplewebauthn/browser encodes it (base64url
// strings), bounded field by field so an oversized or malformed body is refused before any
// verification. Unknown fields are dropped.
const base64url = (max: number) =>
  ZText()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/);
const ZClientExtensionResults = z.object({ credProps: z.object({ rk: z.boolean().optional() }).optional() });
const ZAttachment = z.enum(["platform", "cross-platform"]).optional();
const PASSKEY_REFUSED = "The browser's answer could not be read. Try again.";

export const ZPasskeyAssertion = z.object(
  {
    id: base64url(1400),
    rawId: base64url(1400),
    type: z.literal("public-key"),
    response: z.object({
      clientDataJSON: base64url(4000),
      authenticatorData: base64url(4000),
      signature: base64url(1000),
      userHandle: base64url(200).optional(),
    }),
    clientExtensionResults: ZClientExtensionResults,
    authenticatorAttachment: ZAttachment,
  },
  { error: PASSKEY_REFUSED },
);

export const ZPasskeyAttestation = z.object(
  {
    id: base64url(1400),
    rawId: base64url(1400),
    type: z.literal("public-key"),
    response: z.object({
      clientDataJSON: base64url(4000),
      attestationObject: base64url(16000),
      authenticatorData: base64url(4000).optional(),
      // Any word, not only today's list ("usb", "nfc", "hybrid", …): a new transport must not stop a registration.
      transports: z
        .array(
          ZText()
            .max(20)
            .regex(/^[a-z-]+$/),
        )
        .max(10)
        .optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: base64url(2000).optional(),
    }),
    clientExtensionResults: ZClientExtensionResults,
    authenticatorAttachment: ZAttachment,
  },
  { error: PASSKEY_REFUSED },
);

export const ZGiveSecondFactor = z.discriminatedUnion("method", [
  z.object({ method: z.literal("totp"), code: ZTotpCode, callbackUrl: ZCallbackUrl }),
  z.object({ method: z.literal("recovery"), code: ZRecoveryCode, callbackUrl: ZCallbackUrl }),
  z.object({ method: z.literal("passkey"), response: ZPasskeyAssertion, callbackUrl: ZCallbackUrl }),
]);

export const ZStartPasskeyRegistration = z.object({ name: ZFactorName });

export const ZFinishPasskeyRegistration = z.object({ name: ZFactorName, response: ZPasskeyAttestation });

export const ZConfirmTotp = z.object({ factorId: ZText().min(1).max(64), name: ZFactorName, code: ZTotpCode });

export const ZRenameFactor = z.object({ factorId: ZText().min(1).max(64), name: ZFactorName });

export const ZFactorId = z.object({ factorId: ZText().min(1).max(64) });
