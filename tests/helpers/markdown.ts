// Pieces of a Markdown threat model, written as the team template writes them.

/** A STRIDE section holding one Spoofing table with these rows. */
export function spoofingTable(rows: string[]): string[] {
  return [
    "## 5. STRIDE Threat Analysis",
    "",
    "### Spoofing (S)",
    "",
    "| Threat | Likelihood | Impact | Priority | Mitigation |",
    "|---|---|---|---|---|",
    ...rows,
  ];
}
