import { useLocation, useNavigation } from "@remix-run/react";
import { BlockStack, Card, Layout, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from "@shopify/polaris";
import type { ReactNode } from "react";

// While the merchant goes to another page and its data loads, the page's shape
// shows at once (as the Shopify admin does), instead of the old page lingering.
// Filtering or paging within one page keeps it on screen: only the path matters.
export function PageOrSkeleton({ children }: { children: ReactNode }) {
  const navigation = useNavigation();
  const location = useLocation();
  const leaving = navigation.state === "loading" && !navigation.formMethod && navigation.location.pathname !== location.pathname;
  if (!leaving) return <>{children}</>;
  return (
    <SkeletonPage primaryAction>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <SkeletonDisplayText size="small" />
                <SkeletonBodyText lines={3} />
              </BlockStack>
            </Card>
            <Card>
              <SkeletonBodyText lines={8} />
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}
