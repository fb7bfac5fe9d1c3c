import { describe, expect, it } from "vitest";
import { mailboxHtml, plainTextHtml, type Mail } from "./mailbox";

// The mailbox page shows a letter as its customer reads it: plain text with its line breaks, each
// web address a link, nothing in it taken for markup.

const letter = (customMessage: string): Mail => ({
  id: 7,
  kind: "order_invoice",
  shop: "quita-demo.myshopify.com",
  to: "ana.souza7@exemplo.com.br",
  from: "financeiro@casa-aurora.com.br",
  bcc: [],
  subject: "Não identificamos o pagamento do pedido #1008",
  customMessage,
  link: "https://quita-demo.myshopify.com/81234/orders/abc/authenticate?key=k&x=1",
  resourceId: "gid://shopify/Order/1008",
  sentAt: "2026-12-02T13:00:00.000Z",
});

describe("the mailbox page", () => {
  it("GIVEN a letter with a payment link on its own line THEN the address is a link and the text around it is kept, line breaks included", () => {
    const html = plainTextHtml("Olá, Ana,\n\nPedido #1008: R$ 1.234,50\nhttps://quita-demo.myshopify.com/81234/orders/abc/authenticate?key=k&x=1\n\nUm abraço");
    expect(html).toBe(
      'Olá, Ana,\n\nPedido #1008: R$ 1.234,50\n<a href="https://quita-demo.myshopify.com/81234/orders/abc/authenticate?key=k&#38;x=1">https://quita-demo.myshopify.com/81234/orders/abc/authenticate?key=k&#38;x=1</a>\n\nUm abraço',
    );
  });

  it("GIVEN an address at the end of a sentence THEN the full stop is not part of the link", () => {
    expect(plainTextHtml("Pay at https://shop.example/pay/1.")).toBe('Pay at <a href="https://shop.example/pay/1">https://shop.example/pay/1</a>.');
  });

  it("GIVEN markup in a letter THEN it is shown as text, not run", () => {
    const html = mailboxHtml([letter('<script>alert(1)</script> "quoted" & <b>bold</b>')]);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62; &#34;quoted&#34; &#38; &#60;b&#62;bold&#60;/b&#62;");
  });

  it("GIVEN a letter THEN the page keeps its line breaks (pre-wrap) and offers the email's own payment button", () => {
    const html = mailboxHtml([letter("Olá, Ana,\n\nUm abraço")]);
    expect(html).toMatch(/\.message\{white-space:pre-wrap/);
    expect(html).toContain('<article id="mail-7">');
    expect(html).toContain('<div class="message">Olá, Ana,\n\nUm abraço</div>');
    expect(html).toContain('<a href="https://quita-demo.myshopify.com/81234/orders/abc/authenticate?key=k&#38;x=1">Pay now</a>');
  });
});
