package dev.memoryaudit.sample.prometheus;

import dev.memoryaudit.sample.SampleApplication;

/**
 * Runs the sample app in a child JVM of a test and exits when the JVM that launched it is gone, so that a test run
 * killed from outside leaves no instance running its workloads.
 */
final class OrphanSafeSampleApplication {

	private OrphanSafeSampleApplication() {
	}

	public static void main(String[] args) {
		ProcessHandle parent = ProcessHandle.current()
			.parent()
			.orElseThrow(() -> new IllegalStateException("no parent process to watch"));
		Thread watcher = new Thread(() -> {
			while (parent.isAlive()) {
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
			System.err.println("launching JVM " + parent.pid() + " is gone, exiting");
			System.exit(3);
		}, "parent-watcher");
		watcher.setDaemon(true);
		watcher.start();
		SampleApplication.main(args);
	}

}
