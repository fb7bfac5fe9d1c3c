// Emails Shopify would have sent on the merchant's behalf. The double records them instead, so
// tests and demos can read exactly what a customer would receive.
export type MailKind = "order_invoice" | "draft_order_invoice" | "payment_reminder";

export interface Mail {
  id: number;
  kind: MailKind;
  shop: string;
  to: string;
  from: string;
  bcc: string[];
  subject: string;
  customMessage: string | null;
  link: string;
  resourceId: string;
  sentAt: string;
}

export class Mailbox {
  private mails: Mail[] = [];
  record(mail: Omit<Mail, "id">): Mail {
    const m = { ...mail, id: this.mails.length + 1 };
    this.mails.push(m);
    return m;
  }
  /** Newest first, like a mail client. */
  list(filter: { to?: string; kind?: MailKind } = {}): Mail[] {
    return this.mails.filter((m) => (!filter.to || m.to === filter.to) && (!filter.kind || m.kind === filter.kind)).reverse();
  }
  clear() {
    this.mails = [];
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function mailboxHtml(mails: Mail[]): string {
  const rows = mails
    .map(
      (m) => `<article>
  <header><strong>${esc(m.subject)}</strong> <span class="kind">${esc(m.kind)}</span></header>
  <p class="meta">To ${esc(m.to)} · from ${esc(m.from)} · ${esc(m.sentAt)}</p>
  ${m.customMessage ? `<pre>${esc(m.customMessage)}</pre>` : ""}
  <p><a href="${esc(m.link)}">${esc(m.link)}</a></p>
</article>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mailbox · Shopify double</title>
<style>body{font:14px system-ui;max-width:760px;margin:2rem auto;color:#222}article{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}
.kind{font-size:12px;background:#eef;padding:2px 6px;border-radius:4px}.meta{color:#666}pre{white-space:pre-wrap;font:inherit;background:#fafafa;padding:.5rem}</style>
</head><body><h1>Mailbox (${mails.length})</h1>${rows || "<p>No emails yet.</p>"}</body></html>`;
}
