import en from "@shopify/polaris/locales/en.json";
import ptBR from "@shopify/polaris/locales/pt-BR.json";
import es from "@shopify/polaris/locales/es.json";
import type { UiLocale } from "./locales";

// Polaris' own strings (pagination, filters, bulk actions, ...) in the page's language.
export const polarisTranslations: Record<UiLocale, typeof en> = { en, "pt-BR": ptBR as typeof en, es: es as typeof en };
