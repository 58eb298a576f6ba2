package dev.memoryaudit.marking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.memoryaudit.snapshot.LiveSetMeasurement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marking-log parsers on logs recorded here ({@code src/test/resources/gclogs}, {@code -Xlog:...:timemillis,tags}
 * on JDK 17.0.15 and 25.0.3). The expected figures were read off the files independently: G1's with awk (the live
 * column of every region that is neither FREE, EDEN nor SURV, per Post-Marking block), ZGC's and Shenandoah's by hand.
 */
class MarkingLogParserTests {

	private static final long MIB = 1024 * 1024;

	@Test
	void g1Jdk17SumsNextLiveOfOldAndHumongousRegionsPerPostMarkingBlock() throws IOException {
		List<LiveSetMeasurement> found = parse(new G1LivenessParser(), "g1-jdk17-liveness.log");
		// one marking; its Post-Cleanup block repeats the figures and is not counted again
		assertThat(found).extracting(LiveSetMeasurement::bytes).containsExactly(59_933_200L);
		assertThat(found).allSatisfy((m) -> assertThat(m.source()).isEqualTo(LiveSetMeasurement.G1_MARKING));
	}

	@Test
	void g1Jdk25ReadsTheSingleLiveColumn() throws IOException {
		List<LiveSetMeasurement> found = parse(new G1LivenessParser(), "g1-jdk25-liveness.log");
		assertThat(found).extracting(LiveSetMeasurement::bytes).containsExactly(69_464_728L, 69_191_920L);
		assertThat(found.get(0).time().toEpochMilli()).isEqualTo(1_796_166_790_864L);
	}

	@Test
	void g1BlockWithoutARecognisedHeaderIsAFormatProblemNotAMeasurement() {
		G1LivenessParser parser = new G1LivenessParser();
		List<LiveSetMeasurement> found = GcLogMarkingSource.parseAll(parser, List.of(
				"[1000ms][gc,liveness] GC(1) ### PHASE Post-Marking @ 1.0",
				"[1000ms][gc,liveness] GC(1) ###   kind  address-range  bytes  marked",
				"[1000ms][gc,liveness] GC(1) ###   OLD  0x0-0x1  1048576  1000",
				"[1000ms][gc,liveness] GC(1) ### SUMMARY  capacity: 1.00 MB"));
		assertThat(found).isEmpty();
		assertThat(parser.formatProblem()).contains("no 'next-live' or 'live' column");
	}

	@Test
	void zgcJdk17ReadsTheMarkEndFigureOfEveryCycle() throws IOException {
		List<LiveSetMeasurement> found = parse(new ZgcLiveParser(), "zgc-jdk17-heap.log");
		assertThat(found).hasSize(18);
		assertThat(found.get(0).bytes()).isEqualTo(36 * MIB);
		assertThat(found.get(1).bytes()).isEqualTo(59 * MIB);
		assertThat(found.get(17).bytes()).isEqualTo(60 * MIB);
	}

	@Test
	void generationalZgcAddsYoungAndOldOfMajorCollectionsAndSkipsMinorOnes() throws IOException {
		List<LiveSetMeasurement> found = parse(new ZgcLiveParser(), "zgc-jdk25-heap.log");
		// GC(0): Y 1M + O 0M; GC(1): Y 5M + O 0M (minor GC(2) and GC(3), "y:", in between are skipped); GC(4): the
		// first Y row 9M + O 57M
		assertThat(found).extracting(LiveSetMeasurement::bytes).startsWith(1 * MIB, 5 * MIB, 66 * MIB);
		assertThat(found).allSatisfy((m) -> assertThat(m.source()).isEqualTo(LiveSetMeasurement.ZGC_MARKING));
	}

	@Test
	void shenandoahTakesUsedAtFinalMarkLessAllGarbage() throws IOException {
		List<LiveSetMeasurement> jdk17 = parse(new ShenandoahLiveParser(), "shenandoah-jdk17.log");
		// GC(0): collectable 2252K at 94 % of all garbage, so all garbage between 2252K x 100/95 and x 100/94 (the
		// midpoint: 2,440,331 bytes), used 14M at final mark
		assertThat(jdk17.get(0).bytes()).isEqualTo(12_239_733L);
		assertThat(jdk17).allSatisfy((m) -> assertThat(m.source()).isEqualTo(LiveSetMeasurement.SHENANDOAH_MARKING));
		List<LiveSetMeasurement> jdk25 = parse(new ShenandoahLiveParser(), "shenandoah-jdk25.log");
		// GC(0): collectable 6944K at 97 % (all garbage 7,293,172 bytes at the midpoint), used 34M at final mark
		// ("Concurrent cleanup (unload classes) 34M->33M")
		assertThat(jdk25.get(0).bytes()).isEqualTo(28_358_412L);
	}

	@Test
	void shenandoahGarbageIsTheMidpointOfWhatTheRoundedShareAllowsAndNeverBelowTheCollectable() {
		// 1 %: all garbage between 50 and 100 times the collectable; 100 %: exactly the collectable
		assertThat(ShenandoahLiveParser.allGarbage(1000, 1)).isEqualTo(75_000.0);
		assertThat(ShenandoahLiveParser.allGarbage(1000, 100)).isEqualTo(1000.0);
	}

	@Test
	void aGapResetsABlockReadInPart() {
		G1LivenessParser parser = new G1LivenessParser();
		List<LiveSetMeasurement> before = GcLogMarkingSource.parseAll(parser, List.of(
				"[1000ms][gc,liveness] GC(1) ### PHASE Post-Marking @ 1.0",
				"[1000ms][gc,liveness] GC(1) ###   type  address-range  used  live",
				"[1000ms][gc,liveness] GC(1) ###   OLD  0x0-0x1  1048576  1000"));
		parser.reset();
		List<LiveSetMeasurement> after = GcLogMarkingSource.parseAll(parser,
				List.of("[1000ms][gc,liveness] GC(1) ### SUMMARY  capacity: 1.00 MB"));
		assertThat(before).isEmpty();
		assertThat(after).isEmpty();
	}

	@Test
	void zgcOldRowWithoutItsYoungRowIsNoMeasurement() {
		assertThat(GcLogMarkingSource.parseAll(new ZgcLiveParser(),
				List.of("[1000ms][gc,heap] GC(7) O:      Live:         -                57M (90%)")))
			.isEmpty();
	}

	@Test
	void shenandoahCycleWithAZeroShareSaysNothing() {
		List<LiveSetMeasurement> found = GcLogMarkingSource.parseAll(new ShenandoahLiveParser(), List.of(
				"[1000ms][gc,ergo] GC(3) Collectable Garbage: 0B (0%), Immediate: 0B (0%), CSet: 0B (0%)",
				"[1001ms][gc] GC(3) Concurrent cleanup 20M->20M(64M) 0.010ms"));
		assertThat(found).isEmpty();
	}

	@Test
	void linesWithoutOurDecorationsAreIgnored() {
		assertThat(GcLogMarkingSource.parseAll(new ZgcLiveParser(),
				List.of("GC(0)      Live:         -                65M (26%)", "garbage", "")))
			.isEmpty();
	}

	private static List<LiveSetMeasurement> parse(MarkingLogParser parser, String resource) throws IOException {
		try (InputStream in = MarkingLogParserTests.class.getResourceAsStream("/gclogs/" + resource)) {
			assertThat(in).as(resource).isNotNull();
			return GcLogMarkingSource.parseAll(parser, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
		}
	}

}
