import ConformFuzzDriver

runLibFuzzer(target: "jsonl")
