package dev.memoryaudit.sample.garbage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the steady garbage workload ({@code sample.garbage.*}).
 *
 * @param enabled whether the workload starts with the application
 * @param bytesPerSecond how many bytes to allocate per second
 */
@ConfigurationProperties("sample.garbage")
public record GarbageProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("" + GarbageWorkload.DEFAULT_BYTES_PER_SECOND) long bytesPerSecond) {

}
