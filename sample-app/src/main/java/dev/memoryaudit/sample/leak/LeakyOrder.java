package dev.memoryaudit.sample.leak;

/**
 * A deliberately leaked order of roughly 1 KiB that {@link LeakyOrderRepository} never lets go of.
 */
public class LeakyOrder {

	/** Payload size, chosen so that one order with its customer string weighs about {@link #ESTIMATED_BYTES}. */
	public static final int PAYLOAD_BYTES = 928;

	/**
	 * Approximate retained size of one order: object header and fields (~32 B), the payload array (~16 B header plus
	 * {@link #PAYLOAD_BYTES}) and a short customer string (~48 B).
	 */
	public static final int ESTIMATED_BYTES = 1024;

	private final long id;

	private final String customer;

	private final byte[] payload;

	public LeakyOrder(long id, String customer) {
		this.id = id;
		this.customer = customer;
		this.payload = new byte[PAYLOAD_BYTES];
		// Touch the payload so it is not an all-zero array.
		this.payload[0] = (byte) id;
		this.payload[PAYLOAD_BYTES - 1] = (byte) (id >>> 8);
	}

	public long getId() {
		return this.id;
	}

	public String getCustomer() {
		return this.customer;
	}

	public byte[] getPayload() {
		return this.payload;
	}

}
