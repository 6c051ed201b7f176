/** docs/bench.svg: the three senders' elapsed times against the limit-bound time, and the other figures. */

export interface ChartSender {
	label: string;
	elapsedS: number | undefined;
	/** Short facts printed next to the bar. */
	note: string;
	color: string;
	bad: boolean;
}

export interface ChartInput {
	title: string;
	subtitle: string;
	limitBoundS: number;
	limitLabel: string;
	senders: ChartSender[];
	/** Rows of the small table: label, value, verdict ('met' | 'missed' | ''). */
	rows: Array<[string, string, string]>;
	footer: string;
}

const escape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function niceStep(max: number): number {
	const raw = max / 6;
	const power = 10 ** Math.floor(Math.log10(raw));
	return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? 10 * power;
}

export function renderChart(input: ChartInput): string {
	const width = 820;
	const left = 250;
	const right = width - 40;
	const top = 92;
	const barHeight = 34;
	const gap = 18;
	const plotBottom = top + input.senders.length * (barHeight + gap);
	const tableTop = plotBottom + 66;
	const rowHeight = 22;
	const height = tableTop + input.rows.length * rowHeight + 30;
	const max = Math.max(input.limitBoundS, ...input.senders.map((sender) => sender.elapsedS ?? 0)) * 1.04;
	const step = niceStep(max);
	const axisMax = Math.ceil(max / step) * step;
	const x = (seconds: number) => left + (seconds / axisMax) * (right - left);
	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="13">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
		`<text x="20" y="30" font-size="17" font-weight="600" fill="#1f2328">${escape(input.title)}</text>`,
		`<text x="20" y="52" fill="#59636e">${escape(input.subtitle)}</text>`,
	);
	// Grid and axis.
	for (let tick = 0; tick <= axisMax + 1e-9; tick += step) {
		const at = x(tick).toFixed(1);
		parts.push(
			`<line x1="${at}" y1="${top - 8}" x2="${at}" y2="${plotBottom}" stroke="#e6e8eb"/>`,
			`<text x="${at}" y="${plotBottom + 16}" text-anchor="middle" fill="#59636e" font-size="11">${tick} s</text>`,
		);
	}
	parts.push(`<text x="${left}" y="${plotBottom + 34}" fill="#59636e" font-size="11">elapsed time (shorter is better only with 0 failed)</text>`);
	const barY = (index: number) => top + index * (barHeight + gap);
	const widthOf = (seconds: number) => Math.max(2, x(seconds) - left);
	// Bars, then the limit-bound line over them, then the labels (with a white halo) over both.
	input.senders.forEach((sender, index) => {
		if (sender.elapsedS === undefined) return;
		parts.push(
			`<rect x="${left}" y="${barY(index)}" width="${widthOf(sender.elapsedS).toFixed(1)}" height="${barHeight}" rx="3" fill="${sender.color}"/>`,
		);
	});
	const limitX = x(input.limitBoundS).toFixed(1);
	parts.push(
		`<line x1="${limitX}" y1="${top - 14}" x2="${limitX}" y2="${plotBottom}" stroke="#cf222e" stroke-width="2" stroke-dasharray="6 4"/>`,
		`<text x="${limitX}" y="${top - 20}" text-anchor="middle" fill="#cf222e" font-size="12">${escape(input.limitLabel)}</text>`,
	);
	input.senders.forEach((sender, index) => {
		const y = barY(index);
		parts.push(
			`<text x="${left - 12}" y="${y + barHeight / 2 + 5}" text-anchor="end" fill="#1f2328" font-weight="600">${escape(sender.label)}</text>`,
		);
		if (sender.elapsedS === undefined) {
			parts.push(`<text x="${left + 6}" y="${y + barHeight / 2 + 5}" fill="#cf222e">${escape(sender.note)}</text>`);
			return;
		}
		const barWidth = widthOf(sender.elapsedS);
		const label = `${sender.elapsedS.toFixed(1)} s · ${sender.note}`;
		const inside = barWidth > (right - left) * 0.6;
		parts.push(
			inside
				? `<text x="${(left + barWidth - 8).toFixed(1)}" y="${y + barHeight / 2 + 5}" text-anchor="end" fill="#ffffff" font-weight="600">${escape(label)}</text>`
				: `<text x="${(left + barWidth + 8).toFixed(1)}" y="${y + barHeight / 2 + 5}" fill="${sender.bad ? '#cf222e' : '#1f2328'}" stroke="#ffffff" stroke-width="5" stroke-linejoin="round" paint-order="stroke">${escape(label)}</text>`,
		);
	});
	// The table of the other figures.
	parts.push(`<line x1="20" y1="${tableTop - 22}" x2="${width - 20}" y2="${tableTop - 22}" stroke="#d1d9e0"/>`);
	input.rows.forEach(([label, value, verdict], index) => {
		const y = tableTop + index * rowHeight;
		if (index % 2 === 0) parts.push(`<rect x="20" y="${y - 15}" width="${width - 40}" height="${rowHeight}" fill="#f6f8fa"/>`);
		parts.push(
			`<text x="30" y="${y}" fill="#1f2328">${escape(label)}</text>`,
			`<text x="420" y="${y}" fill="#1f2328" font-weight="600">${escape(value)}</text>`,
		);
		if (verdict) {
			parts.push(
				`<text x="${width - 30}" y="${y}" text-anchor="end" font-weight="600" fill="${verdict === 'met' ? '#1a7f37' : '#cf222e'}">${escape(verdict === 'met' ? 'target met' : 'target MISSED')}</text>`,
			);
		}
	});
	parts.push(`<text x="20" y="${height - 16}" fill="#59636e" font-size="11">${escape(input.footer)}</text>`, '</svg>', '');
	return parts.join('\n');
}
