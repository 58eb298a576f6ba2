package dev.memoryaudit.trend;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One named rule of the live-set verdict (see {@link VerdictRules}): it decides, or passes to the next rule.
 */
interface VerdictRule {

	/**
	 * The rule's name, as the report and the docs give it.
	 * @return the name
	 */
	String name();

	/**
	 * Decides on the evidence, or passes.
	 * @param context what the analysis computed once
	 * @return the result, {@code null} to pass to the next rule
	 */
	EvidenceGate.@Nullable Result decide(EvidenceContext context);

	/**
	 * A rule from a name and a method.
	 * @param name the name
	 * @param decision the method
	 * @return the rule
	 */
	static VerdictRule of(String name, Function<EvidenceContext, EvidenceGate.@Nullable Result> decision) {
		return new VerdictRule() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public EvidenceGate.@Nullable Result decide(EvidenceContext context) {
				return decision.apply(context);
			}

		};
	}

}
