import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";

// The bar chart itself, loaded on its own once the page is live (aging-chart.tsx): polaris-viz and
// d3 weigh some 250 KB of script the first paint need not wait for.
export default function AgingBars({ name, bars, format }: { name: string; bars: { key: string; value: number }[]; format: (value: number) => string }) {
  return (
    <PolarisVizProvider>
      <BarChart
        data={[{ name, data: bars }]}
        theme="Light"
        showLegend={false}
        yAxisOptions={{ labelFormatter: (value) => format(Number(value ?? 0)) }}
        tooltipOptions={{ valueFormatter: (value) => format(Number(value ?? 0)) }}
      />
    </PolarisVizProvider>
  );
}
