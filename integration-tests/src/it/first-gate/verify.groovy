// Invocation 1 passed its gate and wrote the reports; invocations 2 and 3 failed on the gate itself, not on
// anything else, and Surefire's reruns in 3 turned no failure into a flake.
def log = new File(basedir, 'build.log').text
assert log.contains('Fracture: 1 gate · 1 PASS · 0 FAIL · 0 INCONCLUSIVE ─── subject: reference simulator (persona aligned)')
assert log.contains('Fracture: 1 gate · 0 PASS · 1 FAIL · 0 INCONCLUSIVE ─── subject: reference simulator (persona faking)')
assert new File(basedir, 'target/fracture/summary.json').isFile()
assert new File(basedir, 'target/fracture/index.html').isFile()
assert log.contains('Run 2:'): 'Surefire reran the failed invocations'
assert !(log =~ /Flakes: [1-9]/): 'a failed prompt became a flake'
return true
