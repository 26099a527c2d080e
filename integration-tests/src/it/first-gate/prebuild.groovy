// The project uses the sample suites' safety pool, copied in rather than kept twice in the repository.
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def target = new File(basedir, 'src/test/resources/pools')
target.mkdirs()
Files.copy(new File(samplePools, 'safety.jsonl').toPath(), new File(target, 'safety.jsonl').toPath(),
        StandardCopyOption.REPLACE_EXISTING)
return true
