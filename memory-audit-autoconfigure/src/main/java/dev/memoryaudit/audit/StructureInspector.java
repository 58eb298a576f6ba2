package dev.memoryaudit.audit;

import java.util.List;

/**
 * Reads the structures of one source (cache managers, executor beans, registered collections). Beans of this type
 * are audited; an inspector should report a structure it cannot read with {@link AuditedStructure#unreadable} and go
 * on with the rest.
 */
@FunctionalInterface
public interface StructureInspector {

	/**
	 * Reads the structures now; called on the snapshot thread, so it must be cheap and must not block.
	 * @return the structures
	 */
	List<AuditedStructure> inspect();

}
