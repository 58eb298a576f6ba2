package dev.memoryaudit.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A small GitHub-flavoured markdown table builder that escapes pipes in cells.
 */
public final class MarkdownTable {

	private final List<String> header;

	private final List<List<String>> rows = new ArrayList<>();

	public MarkdownTable(String... header) {
		this.header = List.of(header);
	}

	public MarkdownTable row(Object... cells) {
		List<String> row = new ArrayList<>(cells.length);
		for (Object cell : cells) {
			row.add(escape(String.valueOf(cell)));
		}
		this.rows.add(row);
		return this;
	}

	public boolean isEmpty() {
		return this.rows.isEmpty();
	}

	/**
	 * Appends the table to the builder.
	 * @param out the builder
	 */
	public void appendTo(StringBuilder out) {
		line(out, this.header);
		out.append('|');
		for (int i = 0; i < this.header.size(); i++) {
			out.append("---|");
		}
		out.append('\n');
		for (List<String> row : this.rows) {
			line(out, row);
		}
	}

	private static void line(StringBuilder out, List<String> cells) {
		out.append('|');
		for (String cell : cells) {
			out.append(' ').append(cell).append(" |");
		}
		out.append('\n');
	}

	private static String escape(String cell) {
		return cell.replace("|", "\\|").replace("\n", " ");
	}

}
