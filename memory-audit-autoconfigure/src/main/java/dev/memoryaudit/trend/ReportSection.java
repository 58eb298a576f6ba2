package dev.memoryaudit.trend;

import java.util.Objects;

/**
 * A section another component adds to the trend report, such as auditor findings. Serialized to JSON as
 * {@code name}, {@code verdict} and {@code body}; {@link #markdown()} is its rendering for people.
 */
public final class ReportSection {

	private final String name;

	private final Verdict verdict;

	private final Object body;

	private final String markdown;

	/**
	 * Creates a section.
	 * @param name the section name
	 * @param verdict the section's verdict; a growth verdict raises the overall verdict
	 * @param body the JSON body
	 * @param markdown the markdown rendering, with its own {@code ##} heading
	 */
	public ReportSection(String name, Verdict verdict, Object body, String markdown) {
		this.name = Objects.requireNonNull(name, "name");
		this.verdict = Objects.requireNonNull(verdict, "verdict");
		this.body = Objects.requireNonNull(body, "body");
		this.markdown = Objects.requireNonNull(markdown, "markdown");
	}

	public String getName() {
		return this.name;
	}

	public Verdict getVerdict() {
		return this.verdict;
	}

	public Object getBody() {
		return this.body;
	}

	/**
	 * The markdown rendering; not a bean property, so not part of the JSON.
	 * @return markdown text
	 */
	public String markdown() {
		return this.markdown;
	}

}
