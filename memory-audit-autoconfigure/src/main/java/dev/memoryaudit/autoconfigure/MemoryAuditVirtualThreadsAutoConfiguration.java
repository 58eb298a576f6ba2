package dev.memoryaudit.autoconfigure;

import java.time.Clock;

import dev.memoryaudit.trend.SeriesDefinition;
import dev.memoryaudit.audit.vthreads.VirtualThreadCensus;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.system.JavaVersion;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of the virtual-thread census, a leak probe of the auditor (its findings are in
 * {@code /actuator/memoryaudit}): on with {@code memory.audit.virtual-threads.enabled=true}, or, unset, when the
 * application runs on virtual threads ({@code spring.threads.virtual.enabled=true}).
 */
@AutoConfiguration(before = MemoryAuditAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "memory.audit.enabled", matchIfMissing = true)
@Conditional(MemoryAuditVirtualThreadsAutoConfiguration.OnVirtualThreads.class)
@EnableConfigurationProperties(MemoryAuditVirtualThreadsProperties.class)
public final class MemoryAuditVirtualThreadsAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	VirtualThreadCensus memoryAuditVirtualThreadCensus(MemoryAuditVirtualThreadsProperties properties) {
		return new VirtualThreadCensus(null, properties.getEveryTicks(), properties.getMinGrowth(), Clock.systemUTC());
	}

	/**
	 * The series, only where the census can fill them: JDK 25 and later (JDK 21 to 24 dump threads without their
	 * state; before 21 there are no virtual threads). Elsewhere the section says why.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnJava(JavaVersion.TWENTY_FIVE)
	static final class VirtualThreadSeriesConfiguration {

		@Bean("memoryAuditSeries.virtual-threads.parked")
		SeriesDefinition memoryAuditParkedVirtualThreadsSeries() {
			return SeriesDefinition.extra(VirtualThreadCensus.PARKED, "threads", 100);
		}

		@Bean("memoryAuditSeries.virtual-threads")
		SeriesDefinition memoryAuditVirtualThreadsSeries() {
			return SeriesDefinition.extra(VirtualThreadCensus.VIRTUAL, "threads", 100);
		}

	}

	/**
	 * {@code memory.audit.virtual-threads.enabled} when set, else {@code spring.threads.virtual.enabled}.
	 */
	static final class OnVirtualThreads extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			Boolean explicit = environment.getProperty("memory.audit.virtual-threads.enabled", Boolean.class);
			if (explicit != null) {
				return new ConditionOutcome(explicit, "memory.audit.virtual-threads.enabled is " + explicit);
			}
			boolean virtual = environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false);
			return new ConditionOutcome(virtual, "spring.threads.virtual.enabled is " + virtual);
		}

	}

}
