/**
 * A switchable native-memory leak: direct ByteBuffers that are kept, the leak a container's memory limit sees and the
 * heap does not.
 */
package dev.memoryaudit.sample.direct;
