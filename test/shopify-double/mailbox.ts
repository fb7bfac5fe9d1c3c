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

// A letter is plain text (Shopify's custom message is not HTML): shown as a mail client shows
// plain text, with its line breaks, in a fixed-width font wide enough for Quita's 100-column lines
// (so its own breaks are the only ones), and every web address in it a link. Punctuation that ends
// a sentence right after an address is not part of it.
const WEB_ADDRESS = /https?:\/\/[^\s<>"']+/g;

export function plainTextHtml(text: string): string {
  let html = "";
  let from = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const address = match[0].replace(/[.,;:!?)\]]+$/, "");
    html += `${esc(text.slice(from, match.index))}<a href="${esc(address)}">${esc(address)}</a>`;
    from = match.index + address.length;
  }
  return html + esc(text.slice(from));
}

const KIND: Record<MailKind, string> = { order_invoice: "order invoice", draft_order_invoice: "draft order invoice", payment_reminder: "payment reminder" };

export function mailboxHtml(mails: Mail[]): string {
  const rows = mails
    .map(
      (m) => `<article id="mail-${m.id}">
  <header><strong>${esc(m.subject)}</strong> <span class="kind">${esc(KIND[m.kind] ?? m.kind)}</span></header>
  <p class="meta">To ${esc(m.to)} · from ${esc(m.from)} · ${esc(m.sentAt)}</p>
  ${m.customMessage ? `<div class="message">${plainTextHtml(m.customMessage)}</div>` : ""}
  <p class="button"><a href="${esc(m.link)}">${m.kind === "payment_reminder" ? "View order" : "Pay now"}</a> <span class="meta">${esc(m.link)}</span></p>
</article>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mailbox · Shopify double</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1000px;margin:2rem auto;padding:0 1rem;color:#222}article{border:1px solid #ddd;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
.kind{font-size:12px;background:#eef;padding:2px 6px;border-radius:4px}.meta{color:#666;font-size:13px}
.message{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.55 ui-monospace,"DejaVu Sans Mono",Menlo,monospace;max-width:101ch;background:#fafafa;border-left:3px solid #e3e3e3;padding:.75rem 1rem;margin:.75rem 0}
.button a{display:inline-block;background:#303030;color:#fff;text-decoration:none;padding:.4rem .9rem;border-radius:6px;margin-right:.5rem}</style>
</head><body><h1>Mailbox (${mails.length})</h1>${rows || "<p>No emails yet.</p>"}</body></html>`;
}
