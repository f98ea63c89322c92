import { Table } from './Display';
import './insurance.css';

export interface Bar {
  label: string;
  value: number;
}

/** Each bar sits under its label, so a long label never squeezes the bars; sized to stay legible on a phone. */
const ROW = 48;
const BAR_SPACE = 260;
const WIDTH = BAR_SPACE + 60;

/**
 * Horizontal bars as SVG, sized by attributes (the CSP forbids style attributes), announced as one
 * image whose label reads the numbers, with the same numbers as a table for anyone who prefers it.
 */
export function BarChart({ title, dimension, bars }: { title: string; dimension: string; bars: readonly Bar[] }) {
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
  const height = bars.length * ROW + 8;
  const summary = `${title}: ${bars.map((bar) => `${bar.label} ${bar.value}`).join(', ')}`;
  if (bars.length === 0) {
    return (
      <figure className="bar-chart">
        <figcaption>{title}</figcaption>
        <p className="empty">No accesses.</p>
      </figure>
    );
  }
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <svg className="chart" role="img" aria-label={summary} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height}>
        {bars.map((bar, index) => {
          const y = index * ROW + 4;
          const width = Math.round((bar.value / largest) * BAR_SPACE);
          return (
            <g key={bar.label}>
              <text className="axis-label" x={0} y={y + 14}>
                {bar.label}
              </text>
              <rect className="bar" x={0} y={y + 22} width={Math.max(width, bar.value === 0 ? 0 : 2)} height={18} rx={3} />
              <text className="value-label" x={width + 8} y={y + 31} dominantBaseline="middle">
                {bar.value}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{title} as a table</summary>
        <Table caption={title} headers={[dimension, 'Accesses']}>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{bar.value}</td>
            </tr>
          ))}
        </Table>
      </details>
    </figure>
  );
}
