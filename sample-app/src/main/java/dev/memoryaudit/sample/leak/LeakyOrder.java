package dev.memoryaudit.sample.leak;

/**
 * A deliberately leaked order that {@link LeakyOrderRepository} never lets go of.
 * <p>
 * Its 24 line amounts are inline fields rather than an array, and its customer names come from a fixed table, so
 * nearly all of an order's retained size is its own shallow size (about {@link #ESTIMATED_BYTES} bytes): the leaking
 * class, not {@code byte[]}, tops a class-histogram diff, as it does for many real entity leaks.
 */
public class LeakyOrder {

	/**
	 * Approximate size of one order: 12-byte header, id, created-at, 24 line amounts (8 bytes each) and a
	 * compressed reference to the shared customer name, padded to 8 bytes.
	 */
	public static final int ESTIMATED_BYTES = 232;

	private static final String[] CUSTOMERS = new String[1000];

	static {
		for (int i = 0; i < CUSTOMERS.length; i++) {
			CUSTOMERS[i] = "customer-" + i;
		}
	}

	private final long id;

	private final long createdAtMillis;

	private final String customer;

	private final long line0;

	private final long line1;

	private final long line2;

	private final long line3;

	private final long line4;

	private final long line5;

	private final long line6;

	private final long line7;

	private final long line8;

	private final long line9;

	private final long line10;

	private final long line11;

	private final long line12;

	private final long line13;

	private final long line14;

	private final long line15;

	private final long line16;

	private final long line17;

	private final long line18;

	private final long line19;

	private final long line20;

	private final long line21;

	private final long line22;

	private final long line23;

	public LeakyOrder(long id) {
		this.id = id;
		this.createdAtMillis = System.currentTimeMillis();
		this.customer = CUSTOMERS[(int) (id % CUSTOMERS.length)];
		this.line0 = id * 1;
		this.line1 = id * 2;
		this.line2 = id * 3;
		this.line3 = id * 4;
		this.line4 = id * 5;
		this.line5 = id * 6;
		this.line6 = id * 7;
		this.line7 = id * 8;
		this.line8 = id * 9;
		this.line9 = id * 10;
		this.line10 = id * 11;
		this.line11 = id * 12;
		this.line12 = id * 13;
		this.line13 = id * 14;
		this.line14 = id * 15;
		this.line15 = id * 16;
		this.line16 = id * 17;
		this.line17 = id * 18;
		this.line18 = id * 19;
		this.line19 = id * 20;
		this.line20 = id * 21;
		this.line21 = id * 22;
		this.line22 = id * 23;
		this.line23 = id * 24;
	}

	public long getId() {
		return this.id;
	}

	public String getCustomer() {
		return this.customer;
	}

	public long getCreatedAtMillis() {
		return this.createdAtMillis;
	}

	/**
	 * The order total over its lines.
	 * @return the total
	 */
	public long total() {
		return this.line0 + this.line1 + this.line2 + this.line3 + this.line4 + this.line5 + this.line6 + this.line7 + this.line8 + this.line9 + this.line10 + this.line11 + this.line12 + this.line13 + this.line14 + this.line15 + this.line16 + this.line17 + this.line18 + this.line19 + this.line20 + this.line21 + this.line22 + this.line23;
	}

}
