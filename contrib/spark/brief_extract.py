#!/usr/bin/env python3
"""brief's map step on Apache Spark: every task runs `brief extract` on its share of a corpus
folder's files, and the job writes the extraction records (brief-extract/1) as gzip part files;
one machine then makes the briefing from them with `brief generate --extracts`.

    spark-submit --master local[2] contrib/spark/brief_extract.py \\
        --brief target/release/brief CORPUS OUTPUT [--partitions N]
    python3 contrib/spark/brief_extract.py --master local[2] --brief … CORPUS OUTPUT   (the same)
    brief generate --extracts OUTPUT/part-*.gz --since 2024-12 --date 2025-01-01

CORPUS is a folder of articles in any format brief reads (text, Markdown, JSON, JSON Lines,
.gz, HTML), walked recursively, on any file system Hadoop reaches (a local path, hdfs://…,
s3a://…). Each file goes to one task under its name in the corpus, so the records name the
articles as `brief generate --corpus CORPUS` would, and the briefing is the same. Files and
folders whose names start with "." or "_" are left out (brief skips the first, Hadoop the
second). OUTPUT must not exist; it receives part-NNNNN.gz files and _SUCCESS.

The `brief` binary reaches the executors with SparkContext.addFile (from --brief); on a
cluster, build it for the executors' system (a static musl build runs anywhere:
`cargo build --release --target x86_64-unknown-linux-musl`).
"""
import argparse
import os
import shutil
import stat
import subprocess
import tempfile

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def qualified(spark, path):
    """The corpus folder as Hadoop names its files ("file:/data/corpus", "hdfs://nn/corpus")."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    return hpath.getFileSystem(conf).makeQualified(hpath).toString().rstrip("/")


def relative(root, uri):
    """A file's name in the corpus: its path under the root, or None for a hidden one."""
    if not uri.startswith(root + "/"):
        return None
    name = uri[len(root) + 1:]
    if any(part.startswith((".", "_")) for part in name.split("/")):
        return None
    return name


def extract_partition(binary_name, extra_args):
    """A task: its files written under their corpus names in a scratch folder, `brief extract`
    run on it, and the records' lines handed back to Spark."""

    def run(files):
        files = list(files)
        if not files:
            return
        binary = SparkFiles.get(binary_name)
        os.chmod(binary, os.stat(binary).st_mode | stat.S_IXUSR)
        scratch = tempfile.mkdtemp(prefix="brief-extract-")
        try:
            corpus = os.path.join(scratch, "corpus")
            for name, data in files:
                path = os.path.join(corpus, *name.split("/"))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as out:
                    out.write(data)
            records = os.path.join(scratch, "records.jsonl")
            subprocess.run(
                [binary, "extract", "--corpus", corpus, "--out", records, *extra_args],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            with open(records, encoding="utf-8") as lines:
                for line in lines:
                    yield line.rstrip("\n")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="folder of articles (local path or Hadoop URL)")
    parser.add_argument("output", help="folder for the part files (must not exist)")
    parser.add_argument("--brief", default="brief", help="the brief binary to ship to the executors")
    parser.add_argument("--partitions", type=int, default=0, help="tasks (default: Spark's parallelism)")
    parser.add_argument("--master", help="Spark master when run with python3 rather than spark-submit, e.g. local[2]")
    parser.add_argument("--brief-arg", action="append", default=[],
                        help="an extra argument for brief extract, e.g. --brief-arg=--max-article-bytes=20000000")
    args = parser.parse_args()

    builder = SparkSession.builder.appName("brief-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    brief = shutil.which(args.brief) or args.brief
    sc.addFile(brief)
    partitions = args.partitions or sc.defaultParallelism
    root = qualified(spark, args.corpus)
    files = (
        sc.binaryFiles(args.corpus, minPartitions=partitions)
        .map(lambda kv: (relative(root, kv[0]), kv[1]))
        .filter(lambda kv: kv[0] is not None)
        .sortByKey(numPartitions=partitions)
    )
    records = files.mapPartitions(extract_partition(os.path.basename(brief), args.brief_arg))
    records.saveAsTextFile(args.output, compressionCodecClass="org.apache.hadoop.io.compress.GzipCodec")
    spark.stop()


if __name__ == "__main__":
    main()
