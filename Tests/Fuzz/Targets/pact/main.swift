import ConformFuzzDriver

runLibFuzzer(target: "pact")
